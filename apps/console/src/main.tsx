/** The editor console's entry: render the app and follow the log for whoever signs in. */
import { render } from 'preact';
import { startLive } from './live';
import { App } from './shell/app';

startLive();
render(<App />, document.getElementById('app')!);
