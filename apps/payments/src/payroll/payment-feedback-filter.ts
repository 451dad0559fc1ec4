/** What payment feedback follows (its own file: the payroll run's candidates wait for it, and the feedback waits for the run). */
import type { EventFilter } from '@sa/event-store';
import { payrollStreamPrefix } from '../streams';

export const paymentFeedbackProjection = 'payment-feedback';
export const instructionsIssued: EventFilter = { streamPrefixes: [payrollStreamPrefix], eventTypes: ['PaymentInstructionsIssued', 'PaymentInstructionIssued'] };
