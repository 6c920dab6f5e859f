// A QR code drawn as SVG from the encoder's module matrix (no canvas, no inline markup, so the
// page's strict CSP holds): the authenticator enrolment's otpauth:// URI. Its text is always given
// beside it too, for people who cannot scan.
import { create as createQr } from 'qrcode/lib/core/qrcode.js';

/** Quiet zone around the code, in modules (ISO/IEC 18004 asks for 4). */
const QUIET = 4;

export const QrCode = ({ text, label, size = 200 }: { text: string; label: string; size?: number }) => {
  const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
  const dark: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) dark.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
    }
  }
  const extent = modules.size + 2 * QUIET;
  return (
    <svg class="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${extent} ${extent}`} shape-rendering="crispEdges">
      <rect width={extent} height={extent} fill="#fff" />
      <path d={dark.join('')} fill="#000" />
    </svg>
  );
};
