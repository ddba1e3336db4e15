/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import api from './analysis.api.ts';
import { installErrorTransfer } from '../bridge/error-transfer.ts';

installErrorTransfer();
Comlink.expose(api);
