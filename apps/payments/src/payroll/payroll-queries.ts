/**
 * Reading payroll runs: the view (summary from the run's control events; the instructions listed
 * for runs up to listLimit) and the disbursement file, written page by page to the response.
 */
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import {
  disbursementControlLine,
  disbursementHeaderLine,
  disbursementLine,
  instructionsOf,
  type AccountNumberDisplay,
  type PaymentInstructionIssued,
  type PayrollEvent,
} from '@sa/domain-payments';
import { fen, type Fen } from '@sa/domain-shared';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { recordedAs } from '@sa/messaging';
import { EVENT_STORE } from '@sa/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { payrollStream } from '../streams';
import { forEachPage } from './payroll-stream';
import { listLimit, payrollViewOf, summaryEventTypes, type PayrollView } from './payroll-view';

const asEvent = (e: RecordedEvent) => ({ type: e.type, data: e.data }) as PayrollEvent;

/** The instructions an event issued: a batch's (one event) or one (runs recorded before batches carried them). */
function issuedIn(e: PayrollEvent): readonly PaymentInstructionIssued['data'][] {
  if (e.type === 'PaymentInstructionsIssued') return instructionsOf(e);
  return e.type === 'PaymentInstructionIssued' ? [e.data] : [];
}
/** Summary events are small (one per batch or import chunk): read 5,000 at a time. */
const summaryPage = 5_000;
/** How often (20 ms apart) the summary is read again while the store's horizon lags the run's last event. */
const horizonAttempts = 250;

@Injectable()
export class PayrollQueries {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async view(payrollId: string): Promise<PayrollView | undefined> {
    const summary = payrollViewOf(await this.summaryEvents(payrollId));
    if (!summary || !summary.progress.closed || summary.instructionCount > listLimit) return summary;
    const history: PayrollEvent[] = [];
    await forEachPage(this.store, payrollId, (page) => void history.push(...page.map(asEvent)));
    return payrollViewOf(history);
  }

  /** Streams the file to `write` (which may wait for the socket to drain); 409 while the run is still issuing batches. */
  async writeDisbursementFile(view: PayrollView, display: AccountNumberDisplay, write: (chunk: string) => Promise<void>): Promise<void> {
    if (!view.progress.closed) {
      throw new ConflictException(
        `the run is still issuing batches (${view.progress.batchesDone} of ${view.progress.batchesPlanned}); the file follows when it closes`,
      );
    }
    let count = 0;
    let total: Fen = fen(0);
    await write(disbursementHeaderLine());
    await forEachPage(this.store, view.payrollId, async (page) => {
      let text = '';
      for (const e of recordedAs<PayrollEvent>(page)) {
        for (const d of issuedIn(e)) {
          text += disbursementLine(d, display);
          count += 1;
          total = fen(total + d.amountFen);
        }
      }
      if (text) await write(text);
    });
    // The control line is what was written, checked against the totals the run closed with.
    if (count !== view.instructionCount || total !== view.totalFen) throw new Error(`disbursement file of ${view.payrollId} does not match its control totals`);
    await write(disbursementControlLine(count, total));
  }

  /**
   * The run's control events. readAll stops at the store's safe horizon, which can lag a write that
   * just committed while other transactions are still open; the run's last event (always a control
   * event) is read from its stream, and the summary is read again until the horizon has passed it,
   * so a run that has just closed never reads as still running.
   */
  private async summaryEvents(payrollId: string): Promise<PayrollEvent[]> {
    const [last] = await this.store.readStream(payrollStream(payrollId), { from: 'end', direction: 'backwards', maxCount: 1 });
    const waitFor = last && (summaryEventTypes as readonly string[]).includes(last.type) ? last.position : -1;
    for (let attempt = 1; ; attempt++) {
      const events = await this.readSummary(payrollId);
      if ((events.at(-1)?.position ?? -1) >= waitFor || attempt >= horizonAttempts) return events.map(asEvent);
      await sleep(20);
    }
  }

  private async readSummary(payrollId: string): Promise<RecordedEvent[]> {
    const filter = { streamPrefixes: [payrollStream(payrollId)], eventTypes: [...summaryEventTypes] };
    const events: RecordedEvent[] = [];
    for (let from: number | undefined; ;) {
      const page = await this.store.readAll({ filter, maxCount: summaryPage, ...(from === undefined ? {} : { fromPosition: from }) });
      events.push(...page);
      if (page.length < summaryPage) return events;
      from = (page[page.length - 1] as RecordedEvent).position + 1;
    }
  }
}
