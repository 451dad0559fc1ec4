import { MultipleErrors, NetworkError, ProtocolError } from '@platformatic/kafka';
import { ContractViolationError } from '@sa/contracts';
import { MessageAlreadyHandledError, WrongExpectedRevisionError } from '@sa/event-store';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { DatabaseError } from 'pg';
import { HandlerTimeoutError, PermanentError } from '../consumer/handler-errors';
import { classifyFault } from './classify-fault';

/** What the driver passes when no server answered: a topology description without a server error. */
const noServerReachable = { error: null, servers: new Map() } as unknown as ConstructorParameters<typeof MongoServerSelectionError>[1];

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:55432`), { code });
}

function postgresError(code: string, message = 'terminating connection due to administrator command'): DatabaseError {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

describe('classifyFault: the one classification', () => {
  it.each([
    ['connection refused', systemError('ECONNREFUSED'), 'ECONNREFUSED'],
    ['connection reset', systemError('ECONNRESET'), 'ECONNRESET'],
    ['broken pipe', systemError('EPIPE'), 'EPIPE'],
    ['socket timeout', systemError('ETIMEDOUT'), 'ETIMEDOUT'],
    ['PostgreSQL shutting down', postgresError('57P01'), 'postgres 57P01'],
    ['PostgreSQL crash shutdown', postgresError('57P02'), 'postgres 57P02'],
    ['PostgreSQL starting up', postgresError('57P03', 'the database system is starting up'), 'postgres 57P03'],
    ['PostgreSQL connection exception', postgresError('08006', 'connection failure'), 'postgres 08006'],
    ['too many connections', postgresError('53300', 'too many clients already'), 'postgres 53300'],
    ['serialization failure', postgresError('40001', 'could not serialize access'), 'postgres 40001'],
    ['deadlock', postgresError('40P01', 'deadlock detected'), 'postgres 40P01'],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect'), 'connection lost'],
    ['pg client lost its server', new Error('Connection terminated unexpectedly'), 'connection lost'],
    ['Kafka network error', new NetworkError('Connection closed'), 'PLT_KFK_NETWORK'],
    ['Kafka leader moved', new MultipleErrors('Received response with error', [new ProtocolError('NOT_LEADER_OR_FOLLOWER')]), 'kafka PLT_KFK_PROTOCOL'],
    ['Kafka not coordinator', new ProtocolError('NOT_COORDINATOR'), 'kafka PLT_KFK_PROTOCOL'],
    ['MongoDB unavailable', new MongoServerSelectionError('Server selection timed out after 1500 ms', noServerReachable), 'MongoServerSelectionError'],
    ['MongoDB socket error', new MongoNetworkError('connection 3 to 127.0.0.1:57017 closed'), 'MongoNetworkError'],
    ['handler attempt timeout', new HandlerTimeoutError(60_000), 'HandlerTimeoutError'],
    ['a conflict that outlived its retries', new WrongExpectedRevisionError('entitlement-1', 3, 4), 'WrongExpectedRevisionError'],
    ['a fault wrapped in a cause', new Error('granting failed', { cause: systemError('ECONNRESET') }), 'ECONNRESET'],
  ])('%s is transient', (_what, error, because) => {
    expect(classifyFault(error)).toEqual({ kind: 'transient', certain: true, because });
  });

  it('a MongoDB server error with a retryable label is transient, one without is not recognised', () => {
    const retryable = new MongoServerError({ message: 'not primary', code: 10107, errorLabels: ['RetryableWriteError'] });
    expect(classifyFault(retryable).kind).toBe('transient');
    expect(classifyFault(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toEqual({
      kind: 'poison',
      certain: false,
      because: 'unrecognised error',
    });
  });

  it.each([
    ['a PermanentError', new PermanentError('no policy covers region 330102'), 'PermanentError'],
    [
      'a contract violation',
      new ContractViolationError('sa.approval.cases.v1', [{ field: 'amountFen', rule: 'must be an integer' }]),
      'ContractViolationError',
    ],
    ['a decider refusal', Object.assign(new Error('application is already decided'), { name: 'CommandRejectedError' }), 'CommandRejectedError'],
    ['a PostgreSQL data error', postgresError('22P02', 'invalid input syntax for type uuid'), 'postgres 22P02'],
    ['a refusal that says why with the fault it met', new PermanentError('refused', { cause: systemError('ECONNREFUSED') }), 'PermanentError'],
  ])('%s is certain poison', (_what, error, because) => {
    expect(classifyFault(error)).toEqual({ kind: 'poison', certain: true, because });
  });

  it('a bug (TypeError) or anything else unknown is poison, but not certain: retried a few times, then dead-lettered', () => {
    expect(classifyFault(new TypeError("Cannot read properties of undefined (reading 'amountFen')"))).toEqual({
      kind: 'poison',
      certain: false,
      because: 'unrecognised error',
    });
    expect(classifyFault('a string thrown')).toMatchObject({ kind: 'poison', certain: false });
    expect(classifyFault(undefined)).toMatchObject({ kind: 'poison', certain: false });
    // (MessageAlreadyHandledError is not a failure: the consumer counts it as done before classifying.)
    expect(classifyFault(new MessageAlreadyHandledError({ consumer: 'c', messageId: 'm' })).certain).toBe(false);
  });
});
