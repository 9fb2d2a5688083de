import { css } from 'lit';
import { sharedStyles } from '../lib/styles.js';

export const positionsStyles = [
  sharedStyles,
  css`
    .missing {
      color: var(--hydra-warn);
      font-style: italic;
    }
    .heat {
      display: grid;
      grid-template-columns: auto repeat(var(--cols, 1), minmax(3.2rem, 1fr));
      gap: 2px;
      overflow-x: auto;
      font-size: 0.78rem;
      font-variant-numeric: tabular-nums;
    }
    .heat .h {
      color: var(--hydra-muted);
      text-align: center;
      padding: 0.2rem 0.3rem;
      white-space: nowrap;
    }
    .heat .cell {
      text-align: center;
      padding: 0.35rem 0.3rem;
      border-radius: 3px;
      min-width: 3.2rem;
      white-space: nowrap;
    }
    .heat .cell.pos {
      background: rgba(88, 166, 255, var(--alpha, 0.3));
    }
    .heat .cell.neg {
      background: rgba(248, 81, 73, var(--alpha, 0.3));
    }
    .heat .cell.none {
      background: transparent;
      color: var(--hydra-muted);
    }
    .heat .cell.gap {
      background: repeating-linear-gradient(45deg, var(--hydra-warn-bg), var(--hydra-warn-bg) 4px, transparent 4px, transparent 8px);
      color: var(--hydra-warn);
    }
    .picker {
      display: flex;
      gap: 0.6rem;
      flex-wrap: wrap;
      align-items: center;
      margin-bottom: 0.5rem;
      font-size: 0.88rem;
    }
  `,
];
