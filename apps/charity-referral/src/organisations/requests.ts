/**
 * Request bodies of the organisation registry, validated with zod so a 400 names the field and the
 * rule. The brief's short names are accepted too: `id` for organisationId, one `serviceRegion` for
 * serviceRegions, `provides` for needs.
 */
import { needField, regionCodeField, textField } from '@sa/contracts';
import { z } from 'zod';

function withAliases(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { id, serviceRegion, provides, ...rest } = body as Record<string, unknown>;
  return {
    ...rest,
    ...(rest.organisationId === undefined && id !== undefined ? { organisationId: id } : {}),
    ...(rest.serviceRegions === undefined && serviceRegion !== undefined ? { serviceRegions: [serviceRegion] } : {}),
    ...(rest.needs === undefined && provides !== undefined ? { needs: provides } : {}),
  };
}

export const registerOrganisationRequest = z.preprocess(
  withAliases,
  z.object({
    /** 统一社会信用代码 or registry id: the user id in the organisation's sign-in tokens. */
    organisationId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, dot, underscore or hyphen'),
    name: textField('Registered name of the organisation.', 200),
    serviceRegions: z.array(regionCodeField).min(1, 'must name at least one region').max(50),
    needs: z.array(needField).min(1, 'must name at least one need the organisation meets').max(7),
  }),
);
export type RegisterOrganisationRequest = z.infer<typeof registerOrganisationRequest>;

export const deregisterOrganisationRequest = z.object({ reason: textField('Why the organisation leaves the registry.', 500) });

export const listOrganisationsQuery = z.object({
  region: regionCodeField.optional(),
  includeDeregistered: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuery>;
