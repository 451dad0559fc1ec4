import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'sa:public';
/** Marks a route that needs no bearer token (health, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
