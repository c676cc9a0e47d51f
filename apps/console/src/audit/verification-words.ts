/** Why a checkpoint did not verify, in words, in both languages. */
import { defineMessages } from '../i18n';
import type { CheckpointVerification } from './checkpoint';

const t = defineMessages({
  en: {
    gap: ' ',
    unsupported:
      'This browser cannot verify Ed25519 signatures. Verify the checkpoint with the command-line tool instead (npm run cli -- verify).',
    malformed_key: 'The verifier key is not a key: expected <name>+<key id>+<base64 key>.',
    key_id_mismatch: 'The verifier key’s id does not match its name and key: it was altered.',
    unsupported_key_type: 'The verifier key is not an Ed25519 key.',
    malformed_note: 'The checkpoint is not a well-formed signed note.',
    no_signature_by_key: 'Not verified: the checkpoint carries no signature by key {key}.',
    signedBy: 'It is signed by {keys}.',
    bad_signature:
      'Not verified: the signature by key {key} does not match the checkpoint. It was altered or forged.',
    malformed_checkpoint: 'The signed text is not a checkpoint (origin, tree size, root hash).',
  },
  'zh-Hans': {
    gap: '',
    unsupported:
      '此浏览器无法验证 Ed25519 签名。请改用命令行工具验证检查点（npm run cli -- verify）。',
    malformed_key: '验证密钥格式不对：应为 <名称>+<密钥 ID>+<base64 密钥>。',
    key_id_mismatch: '验证密钥的 ID 与其名称和密钥不符：密钥已被改动。',
    unsupported_key_type: '验证密钥不是 Ed25519 密钥。',
    malformed_note: '检查点不是格式正确的签名文本。',
    no_signature_by_key: '未通过验证：检查点上没有密钥 {key} 的签名。',
    signedBy: '它的签名来自 {keys}。',
    bad_signature: '未通过验证：密钥 {key} 的签名与检查点不符，检查点已被改动或伪造。',
    malformed_checkpoint: '签名的文本不是检查点（来源、树大小、根哈希）。',
  },
});

/** The failure (or the browser's lack of Ed25519) as a sentence; empty for a verified note. */
export function verificationWords(result: CheckpointVerification, keyText: string): string {
  if (result.status === 'verified') return '';
  if (result.status === 'unsupported') return t('unsupported');
  const key = keyText.trim().split('+').slice(0, 2).join('+');
  const signedBy = result.signedBy?.length
    ? t('gap') + t('signedBy', { keys: result.signedBy.join(', ') })
    : '';
  return t(result.reason, { key }) + signedBy;
}
