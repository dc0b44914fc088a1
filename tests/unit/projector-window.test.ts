import { describe, expect, it } from 'vitest';
import { chooseProjectorPlacement, projectorUrl, projectorWindowOptions, type DisplayLike } from '../../electron/projectorWindow';
import { mainWindowOptions } from '../../electron/window';

/** A display as Electron's screen module gives it (bounds and the work area without task bars). */
function display(id: number, x: number, width: number, height: number, taskBar = 0): DisplayLike {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - taskBar } };
}

const laptop = display(1, 0, 1366, 768, 40);
const projector = display(2, 1366, 1280, 720);

describe('where the projector window goes (chooseProjectorPlacement)', () => {
  it("takes the whole second display when a projector is plugged in, whichever is primary", () => {
    expect(chooseProjectorPlacement([laptop, projector], 1)).toEqual({ on: 'second-display', bounds: projector.bounds });
    // The facilitator's window moved to the big screen: the laptop's own screen is the other one.
    expect(chooseProjectorPlacement([laptop, projector], 2)).toEqual({ on: 'second-display', bounds: laptop.bounds });
  });

  it('takes the first other display of three', () => {
    const third = display(3, 2646, 1920, 1080);
    expect(chooseProjectorPlacement([laptop, projector, third], 1).bounds).toEqual(projector.bounds);
    expect(chooseProjectorPlacement([laptop, projector, third], 2).bounds).toEqual(laptop.bounds);
  });

  it('opens a 1280 × 720 window in the middle of the only screen, clear of its task bar', () => {
    const full = display(1, 0, 1920, 1080, 40);
    expect(chooseProjectorPlacement([full], 1)).toEqual({ on: 'window', bounds: { x: 320, y: 160, width: 1280, height: 720 } });
  });

  it('keeps the window inside a screen smaller than 1280 × 720', () => {
    expect(chooseProjectorPlacement([laptop], 1)).toEqual({ on: 'window', bounds: { x: 43, y: 4, width: 1280, height: 720 } });
    const small = display(1, 0, 1024, 600, 30);
    expect(chooseProjectorPlacement([small], 1)).toEqual({ on: 'window', bounds: { x: 0, y: 0, width: 1024, height: 570 } });
  });

  it("uses the first display when the facilitator's window is not known (it was closed)", () => {
    expect(chooseProjectorPlacement([laptop], null)).toEqual({ on: 'window', bounds: { x: 43, y: 4, width: 1280, height: 720 } });
    expect(chooseProjectorPlacement([], null)).toEqual({ on: 'window', bounds: { x: 0, y: 0, width: 1280, height: 720 } });
  });
});

describe('the projector window options', () => {
  it("are the main window's secure options, placed and full screen on a second display", () => {
    const options = projectorWindowOptions('/app/preload.cjs', { on: 'second-display', bounds: projector.bounds }, '/app/icon.png');
    expect(options.webPreferences).toEqual(mainWindowOptions('/app/preload.cjs').webPreferences);
    expect(options).toMatchObject({ ...projector.bounds, fullscreen: true, show: false, icon: '/app/icon.png' });
    expect(projectorWindowOptions('/app/preload.cjs', { on: 'window', bounds: projector.bounds }).fullscreen).toBe(false);
  });

  it('load the projector route of the app', () => {
    expect(projectorUrl('sessie0001')).toBe('app://bouwplaats/index.html#/projector/sessie0001');
  });
});
