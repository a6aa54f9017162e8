import './chat-page.css';
import { ChatPage } from './chat-page.js';

new ChatPage(document).start();
