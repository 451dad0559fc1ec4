import { describeOpenApiDocument } from '@sa/testing';
import { service } from './service';

describeOpenApiDocument(service);
