import { problem, type PaymentsRejection } from '../rejections';
import type { EntitlementState, GrantedEntitlement } from './state';

/** The entitlement, when granted and the one the command names; otherwise why not. */
export function grantedEntitlement(state: EntitlementState, entitlementId: string): GrantedEntitlement | PaymentsRejection {
  if (state.status === 'not-granted') return problem('ENTITLEMENT_NOT_FOUND', 'no entitlement has been granted under this id', 'entitlementId');
  if (state.entitlementId !== entitlementId) return problem('WRONG_ENTITLEMENT', `this stream holds entitlement ${state.entitlementId}`, 'entitlementId');
  return state;
}

export function isRejection(value: GrantedEntitlement | PaymentsRejection): value is PaymentsRejection {
  return 'code' in value;
}
