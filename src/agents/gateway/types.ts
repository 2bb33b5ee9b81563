import type { Reason } from '../../model.js';

/** What a gateway control adds to the pipeline's verdict. */
export interface GatewayFinding extends Reason {
  decision: 'escalate' | 'block';
}
