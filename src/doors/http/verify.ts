/**
 * Discord's request signing: Ed25519 over the raw bytes of `X-Signature-Timestamp + body`, signature in
 * `X-Signature-Ed25519` (hex). Checked with node:crypto before the body is parsed, so nothing an unsigned
 * request carries is ever interpreted.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * How far a request's timestamp may be from our clock. Discord signs just before sending, so a fresh
 * request is off only by network delay and clock drift (NTP keeps that under a second; minutes allow
 * for a badly kept host). The limit bounds replays: a recorded request is refused once it is 5 minutes
 * old, the window Slack and Stripe use for the same scheme.
 */
export const MAX_SKEW_SECONDS = 5 * 60;

/** The application's public key from its 64-hex-character form; throws on anything else. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('an Ed25519 public key is 64 hexadecimal characters');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type VerifyFailure =
  | 'missing-signature'
  | 'missing-timestamp'
  | 'malformed-signature'
  | 'malformed-timestamp'
  | 'stale-timestamp'
  | 'bad-signature';

export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

export interface VerifierOptions {
  maxSkewSeconds?: number;
  /** Current time in milliseconds; tests move the clock. */
  now?: () => number;
}

export type Verifier = (
  signature: string | string[] | undefined,
  timestamp: string | string[] | undefined,
  body: Buffer,
) => VerifyResult;

/** Ed25519 alone: `signature` (128 hex characters, already checked) over `signed` = timestamp + body. */
export type SignatureCheck = (signature: string, signed: Buffer) => boolean;

export type HeaderCheck = (
  signature: string | string[] | undefined,
  timestamp: string | string[] | undefined,
) => VerifyResult;

/**
 * The checks that need no body: both headers present and well formed, the timestamp within the window. The
 * door runs them before it reads a byte of the body, so a flood of malformed or stale requests costs
 * almost nothing.
 */
export function createHeaderCheck(options: VerifierOptions = {}): HeaderCheck {
  const maxSkewMs = (options.maxSkewSeconds ?? MAX_SKEW_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  return (signature, timestamp) => {
    // A header sent twice arrives as an array (or joined): never guess which one was signed.
    if (signature === undefined || signature === '') return { ok: false, reason: 'missing-signature' };
    if (timestamp === undefined || timestamp === '') return { ok: false, reason: 'missing-timestamp' };
    if (typeof signature !== 'string' || !/^[0-9a-fA-F]{128}$/.test(signature)) {
      return { ok: false, reason: 'malformed-signature' };
    }
    // Unix seconds, as Discord sends them; at most 12 digits keeps Number() exact.
    if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp))
      return { ok: false, reason: 'malformed-timestamp' };
    if (Math.abs(now() - Number(timestamp) * 1000) > maxSkewMs) return { ok: false, reason: 'stale-timestamp' };
    return { ok: true };
  };
}

/** Builds the key once and returns the Ed25519 check. */
export function createSignatureCheck(publicKey: string | KeyObject): SignatureCheck {
  const key = typeof publicKey === 'string' ? publicKeyFromHex(publicKey) : publicKey;
  return (signature, signed) => {
    try {
      return verify(null, signed, key, Buffer.from(signature, 'hex'));
    } catch {
      return false; // a signature node:crypto cannot even decode is simply not valid
    }
  };
}

/**
 * The whole check in one call: the header checks, then Ed25519 over `timestamp + body`. (The door runs the
 * two halves itself, around reading the body.)
 */
export function createVerifier(publicKey: string | KeyObject, options: VerifierOptions = {}): Verifier {
  const headers = createHeaderCheck(options);
  const signatureValid = createSignatureCheck(publicKey);
  return (signature, timestamp, body) => {
    const pre = headers(signature, timestamp);
    if (!pre.ok) return pre;
    // Both are strings now: the header check refuses anything else.
    const signed = Buffer.concat([Buffer.from(timestamp as string, 'latin1'), body]);
    return signatureValid(signature as string, signed) ? { ok: true } : { ok: false, reason: 'bad-signature' };
  };
}
