import { useEffect, type RefObject } from 'react';
import type { BoardTemplate } from '../../shared/template/template';
import type { HouseBoardHandle } from './HouseBoard';

/** Print resolution: the house is drawn about this many pixels wide (up to 4× the screen). */
const PRINT_WIDTH_PX = 2400;

/**
 * Printing the board prints the whole house, fitted on the page, without the toolbar and panels:
 * just before the browser prints, the house is fitted and drawn once more into a canvas of its own
 * at print resolution, which the print stylesheet shows instead of the page (print.css). After
 * printing it is removed. The board itself stays fitted ("Hele huis") afterwards.
 */
export function usePrintHouse(board: RefObject<HouseBoardHandle | null>, template: BoardTemplate, caption: string): void {
  useEffect(() => {
    let sheet: HTMLElement | null = null;
    const removeSheet = () => {
      sheet?.remove();
      sheet = null;
      document.body.classList.remove('printing-house');
    };
    const beforePrint = () => {
      removeSheet();
      const handle = board.current;
      const konva = handle?.konva();
      if (!handle || !konva) return;
      handle.fitHouse();
      const { stage } = konva;
      const scale = stage.scaleX();
      const b = template.bounds;
      const x = Math.max(0, stage.x() + b.x * scale);
      const y = Math.max(0, stage.y() + b.y * scale);
      const width = Math.min(stage.width() - x, b.width * scale);
      const height = Math.min(stage.height() - y, b.height * scale);
      if (width <= 0 || height <= 0) return;
      const canvas = stage.toCanvas({ x, y, width, height, pixelRatio: Math.min(4, Math.max(1, PRINT_WIDTH_PX / width)) });
      // Konva sizes and places the canvas for the screen; the print stylesheet does it for the page.
      canvas.removeAttribute('style');
      canvas.className = 'print-house-image';
      sheet = document.createElement('div');
      sheet.className = 'print-house';
      const title = document.createElement('p');
      title.className = 'print-house-caption';
      title.textContent = caption;
      sheet.append(title, canvas);
      document.body.append(sheet);
      document.body.classList.add('printing-house');
    };
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', removeSheet);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', removeSheet);
      removeSheet();
    };
  }, [board, template, caption]);
}
