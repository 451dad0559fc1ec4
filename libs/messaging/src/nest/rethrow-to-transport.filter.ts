/**
 * NestJS's default RPC exception filter replaces any error that is not an RpcException by
 * `{ status: 'error', message: 'Internal server error' }` (and logs the message). The consumer
 * must see the original error: its class, code and cause decide transient, poison or unknown
 * (faults/classify-fault.ts). This filter hands it on unchanged; the consumer logs it masked.
 */
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

@Catch()
export class RethrowToTransport implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
