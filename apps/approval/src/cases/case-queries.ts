/**
 * Reading cases. One case is folded from its own stream (always current, with the full household
 * for the staff handling it); lists come from the read model (resident IDs masked), filtered to the
 * caller's jurisdiction.
 */
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { caseDecider, type CaseEvent } from '@sa/domain-approval';
import { chinaDate } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { assertJurisdiction, type AuthenticatedActor, Clock, EVENT_STORE, isInJurisdiction, loadAggregate } from '@sa/platform';
import { CaseReadModel } from './case-read-model';
import { caseStream } from './case-stream';
import { type CaseView, evolveCaseView } from './case-view';
import type { ListCasesQuery } from './requests';

@Injectable()
export class CaseQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: CaseReadModel,
    private readonly clock: Clock,
  ) {}

  async one(applicationId: string, actor: AuthenticatedActor) {
    const { state, history } = await loadAggregate(this.store, caseStream(applicationId), caseDecider);
    const view = history.reduce<CaseView | undefined>((v, e) => evolveCaseView(v, { type: e.type, data: e.data } as CaseEvent, e.recordedAt), undefined);
    // A check whose application has not arrived yet is not a case anyone can act on.
    if (!view?.region)
      throw new NotFoundException({ statusCode: 404, error: 'CASE_NOT_FOUND', code: 'CASE_NOT_FOUND', message: `no case for application ${applicationId}` });
    assertJurisdiction(actor, view.region);
    const facts = state.phase === 'not-opened' ? state.application : state.facts;
    return {
      ...view,
      noticeEnded: view.notice ? chinaDate(this.clock.now()) > view.notice.endsOn : false,
      ...(facts ? { household: { members: facts.members, applicantMemberId: facts.applicantMemberId, bankAccount: facts.bankAccount } } : {}),
    };
  }

  async list(query: ListCasesQuery, actor: AuthenticatedActor) {
    const region = query.region ?? actor.orgUnit;
    if (!isInJurisdiction(actor, region)) return { items: [] };
    const filter: Record<string, unknown> = { region: { $regex: `^${region}` } };
    if (query.status === 'awaiting-confirmation') {
      filter.status = 'on-notice';
      filter['notice.endsOn'] = { $lt: chinaDate(this.clock.now()) };
    } else if (query.status) {
      filter.status = query.status;
    }
    const items = await this.readModel.model.find(filter).sort({ updatedAt: -1 }).limit(query.limit).lean();
    return { items: items.map(({ _id, ...rest }) => ({ applicationId: _id, ...withoutInternals(rest) })) };
  }
}

function withoutInternals<T extends object>(doc: T): Omit<T, '_revision' | '_position'> {
  const { _revision: _r, _position: _p, ...rest } = doc as T & { _revision?: number; _position?: number };
  return rest;
}
