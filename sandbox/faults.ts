/**
 * Armed faults (control API `POST /sandbox/faults`): the next matching API requests answer a
 * documented error, or answer late, or both. A fault may be limited to one operation and to one
 * tenant, so parallel tests each provoke their own 500 without stealing another test's.
 */
import type { OperationId } from '../core/spec.ts';

export interface Fault {
  status?: number;
  delayMs?: number;
  remaining: number;
  operationId?: OperationId;
  userId?: string;
}

export class FaultQueue {
  private faults: Fault[] = [];

  arm(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): number {
    const cleared = this.faults.length;
    this.faults = [];
    return cleared;
  }

  /** Takes one use of the oldest fault that matches, or undefined (the common, cheap case). */
  take(operationId: OperationId, userId: string): Fault | undefined {
    if (this.faults.length === 0) return undefined;
    const index = this.faults.findIndex(
      (f) => (!f.operationId || f.operationId === operationId) && (!f.userId || f.userId === userId),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
