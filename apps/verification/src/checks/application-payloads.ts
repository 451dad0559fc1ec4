/** Intake's application events as the contracts parse them (v1 and v2 of application-submitted). */
import type { applicationAmendedV1, applicationSubmittedV1, applicationSubmittedV2, IntegrationContract } from '@sa/contracts';

type PayloadOf<C> = C extends IntegrationContract<infer P> ? P : never;
export type ApplicationSubmittedPayload = PayloadOf<typeof applicationSubmittedV1> | PayloadOf<typeof applicationSubmittedV2>;
export type ApplicationSubmittedV2Payload = PayloadOf<typeof applicationSubmittedV2>;
export type ApplicationAmendedPayload = PayloadOf<typeof applicationAmendedV1>;
