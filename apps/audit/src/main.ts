import { runService } from '@sa/platform';
import { service } from './service';

runService(service);
