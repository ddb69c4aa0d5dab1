import { sendMessage } from '../platform/index';
import {
  type Payload,
  PROTOCOL_VERSION,
  type RequestMessage,
  type RequestType,
  type Response,
  type ResultOf,
} from './protocol';

/** The panel's one door to privileged APIs. Never throws: failures come back as `{ ok: false }`. */
export async function request<T extends RequestType>(
  type: T,
  payload: Payload<T>,
): Promise<Response<ResultOf<T>>> {
  const message: RequestMessage<T> = { sessionlens: PROTOCOL_VERSION, type, payload };
  try {
    const answer = (await sendMessage(message)) as Response<ResultOf<T>> | undefined;
    if (answer === undefined || answer === null || typeof answer !== 'object' || !('ok' in answer)) {
      return {
        ok: false,
        code: 'no-receiver',
        message: 'The extension background did not answer; reload the panel.',
      };
    }
    return answer;
  } catch (error) {
    return {
      ok: false,
      code: 'no-receiver',
      message: `The extension background is unreachable: ${String(error)}`,
    };
  }
}
