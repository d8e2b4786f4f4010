import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class CredentialDecryptError extends Error {
  override readonly name = 'CredentialDecryptError';
  readonly code = 'credentials_unreadable';
}

/**
 * Encrypts integration credentials at rest with AES-256-GCM. The envelope is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url); the integration id is bound as associated data,
 * so an envelope copied onto another integration does not decrypt.
 */
export class CredentialCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The credential key must be 32 bytes (AES-256).');
    this.#key = key;
  }

  encrypt(credentials: Record<string, unknown>, integrationId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(integrationId));
    const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(envelope: string, integrationId: string): Record<string, unknown> {
    const [version, iv, tag, body] = envelope.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) {
      throw new CredentialDecryptError('Stored credentials are in an unknown format. Reconnect the integration to enter them again.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(integrationId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new CredentialDecryptError(
        'Stored credentials cannot be decrypted with the current INTAKE_SECRET_KEY (was the key changed?). Restore the old key or reconnect the integration.',
        { cause: error },
      );
    }
  }

  /**
   * A value that tells keys apart without revealing them (an HMAC of a fixed text): stored with the
   * database, it lets every process check it holds the key the credentials were encrypted with.
   */
  fingerprint(): string {
    return createHmac('sha256', this.#key).update('intake credential key check v1').digest('base64url');
  }

  /** Keeps the key out of logs and inspection. */
  toJSON() {
    return '[CredentialCipher]';
  }
}
