import { useEffect } from 'react';
import type { NotesStore } from './notesStore';
import { paintBoard } from './paint/board';
import type { HousePicture } from './paint/house';

/** Print resolution: the house is painted this many pixels wide. */
const PRINT_WIDTH_PX = 2400;

/**
 * Printing the board prints the whole house, fitted on the page, without the toolbar and panels:
 * just before the browser prints, the house and its notes are painted (paintBoard, the painter of
 * every board) into a canvas of their own at print resolution, which the print stylesheet shows
 * instead of the page (print.css). After printing it is removed; the board on screen is left as
 * it was.
 */
export function usePrintHouse(store: NotesStore, picture: HousePicture, caption: string): void {
  useEffect(() => {
    let sheet: HTMLElement | null = null;
    const removeSheet = () => {
      sheet?.remove();
      sheet = null;
      document.body.classList.remove('printing-house');
    };
    const beforePrint = () => {
      removeSheet();
      const { bounds } = picture.template;
      const canvas = document.createElement('canvas');
      canvas.width = PRINT_WIDTH_PX;
      canvas.height = Math.round((PRINT_WIDTH_PX * bounds.height) / bounds.width);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      paintBoard(ctx, { ...picture, notes: store.getSnapshot() }, { width: canvas.width, height: canvas.height, pixelRatio: 1, background: '#fff' });
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
  }, [store, picture, caption]);
}
