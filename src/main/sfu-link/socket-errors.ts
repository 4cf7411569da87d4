import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';

/** Turns a WebSocket connect failure into a sentence a host can act on. */
export function describeSocketError(error: Error, signalUrl: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  let where = signalUrl;
  try {
    where = new URL(signalUrl).host;
  } catch {
    // keep the raw text
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing answers at ${where}: the SFU is not running there (or not on that port).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The SFU address ${where} could not be found. Check the SFU address in Settings and the internet connection.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The SFU at ${where} cannot be reached from this computer (network or firewall).`;
    case 'ECONNRESET':
      return `The SFU at ${where} closed the connection.`;
    default:
      if (/^HTTP 429/.test(error.message)) return `The SFU at ${where} is limiting connections from this computer.`;
      if (/^HTTP /.test(error.message)) return `${where} answered ${error.message}: is that address an SFU of this studio version?`;
      if (/certificate|self.signed|CERT_/i.test(`${error.message} ${code ?? ''}`)) {
        return `The SFU at ${where} has a TLS certificate this computer does not trust.`;
      }
      return `Could not connect to the SFU at ${where}: ${error.message}`;
  }
}

/** Why the link to the SFU dropped, for the status line while it reconnects. */
export function describeLoss(code: number, socketError: Error | null, signalUrl: string): string {
  if (code === SignalCloseCode.serviceRestart) return 'The SFU restarted its media server; rejoining.';
  if (code === SignalCloseCode.goingAway) return 'The SFU shut down; reconnecting when it is back.';
  if (code === SignalCloseCode.hostReplaced) return 'The show had too many host connections; reconnecting.';
  if (socketError) return `${describeSocketError(socketError, signalUrl)} Retrying…`;
  return 'The connection to the SFU was lost; reconnecting.';
}
