import { describeServiceBasics } from '@sa/testing';
import { service } from './service';

describeServiceBasics(service);
