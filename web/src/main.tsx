// The entry point: styles, then the app shell into #app.
import './app.css';
import { render } from 'preact';
import { App } from './app/App';

render(<App />, document.getElementById('app')!);
