// `siaga senders trust PATTERN --cert FILE [--must-sign]`, `siaga senders trusted [--json]`,
// `siaga senders untrust PATTERN [--key SHA256]`: the keys that may sign CAP for a sender pattern.
// A signed document from such a sender is stored only when a trusted key verifies it; with
// --must-sign an unsigned one is refused too. Senders no pattern covers are not checked.
import { X509Certificate, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseSenderPattern } from '../cap/sender-pattern.ts';
import { publicKeySha256 } from '../cap/verify-cap-signature.ts';
import { listSignatureTrust, trustSigningKey, untrustSigningKeys } from '../db/cap-signature-trust.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';
import { checkInputFile } from './read-input-file.ts';

export function registerSendersTrust(senders: Command, ctx: CliContext): void {
  senders
    .command('trust')
    .description('trust a key to sign CAP for the senders PATTERN covers (a certificate or public key in PEM)')
    .argument('<pattern>', 'the CAP <sender>: an exact address, or *@domain / *.domain')
    .requiredOption('--cert <file>', 'PEM file holding the X.509 certificate or the public key')
    .option('--must-sign', 'refuse unsigned CAP from these senders')
    .addHelpText('after', examples("siaga senders trust '*@bmkg.go.id' --cert bmkg-cap.pem --must-sign"))
    .action(async (patternText: string, opts: { cert: string; mustSign?: boolean }) => {
      const parsed = parseSenderPattern(patternText);
      if ('error' in parsed) throw new CliError(`pattern: ${parsed.error}`, 2);
      await checkInputFile(opts.cert, '--cert');
      const key = readKey(opts.cert, await readFile(opts.cert, 'utf8'));
      const added = await trustSigningKey(
        await ctx.db(),
        { pattern: parsed.pattern, ...key, mustSign: opts.mustSign === true },
        new Date(),
      );
      ctx.out(
        `${added ? 'trusted' : 'already trusted, updated'}: key sha256 ${key.keySha256}${key.subject ? ` (${key.subject})` : ''} signs CAP for "${parsed.pattern}"` +
          (opts.mustSign ? '; unsigned CAP from these senders is refused' : '; unsigned CAP from these senders is still accepted'),
      );
    });
  senders
    .command('trusted')
    .description('the keys trusted to sign CAP, per sender pattern')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('siaga senders trusted', 'siaga senders trusted --json'))
    .action(async (opts: { json?: boolean }) => {
      const rows = (await listSignatureTrust(await ctx.db())).map(({ public_key_pem: _pem, ...r }) => r);
      if (opts.json) return ctx.out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return ctx.out('no signing keys trusted (trust one: siaga senders trust PATTERN --cert FILE)');
      for (const r of rows)
        ctx.out(`${r.pattern}  key sha256 ${r.key_sha256}${r.subject ? `  ${r.subject}` : ''}${r.must_sign ? '  must sign' : ''}`);
    });
  senders
    .command('untrust')
    .description('stop trusting one key (--key) or every key for a sender pattern')
    .argument('<pattern>')
    .option('--key <sha256>', 'the key sha256 shown by siaga senders trusted')
    .addHelpText('after', examples("siaga senders untrust '*@bmkg.go.id' --key 3f2a…"))
    .action(async (patternText: string, opts: { key?: string }) => {
      const parsed = parseSenderPattern(patternText);
      if ('error' in parsed) throw new CliError(`pattern: ${parsed.error}`, 2);
      const removed = await untrustSigningKeys(await ctx.db(), parsed.pattern, opts.key?.toLowerCase() ?? null);
      if (removed.length === 0)
        throw new CliError(
          `no trusted key for "${parsed.pattern}"${opts.key ? ` with sha256 ${opts.key}` : ''} (see siaga senders trusted)`,
        );
      ctx.out(`no longer trusted for "${parsed.pattern}": ${removed.join(', ')}`);
    });
}

/** The public key in a PEM file, with its certificate's subject when it is one; never a private key. */
function readKey(
  file: string,
  pem: string,
): { publicKeyPem: string; keySha256: string; certificatePem: string | null; subject: string | null } {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
    throw new CliError(`${file}: holds a private key; give the certificate or public key only`, 2);
  if (pem.includes('-----BEGIN CERTIFICATE-----')) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch (err) {
      throw new CliError(`${file}: not a readable X.509 certificate (${(err as Error).message})`, 2);
    }
    const publicKeyPem = cert.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return {
      publicKeyPem,
      keySha256: publicKeySha256(publicKeyPem),
      certificatePem: cert.toString(),
      subject: cert.subject.replace(/\n/g, ', '),
    };
  }
  try {
    const publicKeyPem = createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
    return { publicKeyPem, keySha256: publicKeySha256(publicKeyPem), certificatePem: null, subject: null };
  } catch (err) {
    throw new CliError(`${file}: neither a PEM certificate nor a PEM public key (${(err as Error).message})`, 2);
  }
}
