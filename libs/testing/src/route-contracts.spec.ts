import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { ApiContract } from '@sa/platform';
import { z } from 'zod';
import { contractProblems, routesOf } from './route-contracts';

const answer = z.object({ ok: z.boolean() });

@Controller('things')
class ThingsController {
  @Get(':id')
  @ApiContract({ params: z.object({ id: z.string() }), responses: { 200: answer } })
  complete(@Param('id') id: string) {
    return { ok: id.length > 0 };
  }

  @Get(':id/parts/:partId')
  @ApiContract({ params: z.object({ id: z.string() }), responses: { 200: answer } })
  undeclaredParameter() {
    return { ok: true };
  }

  @Post()
  @ApiContract({ responses: { 201: answer } })
  undocumentedBody(@Body() body: unknown) {
    return { ok: body !== undefined };
  }

  @Post(':id/close')
  closeWithoutContract() {
    return { ok: true };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('route contracts', () => {
  it('finds every route of a module tree, dynamic modules included', () => {
    const routes = routesOf({ module: class Root {}, imports: [ThingsModule] });
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /things/:id', 'GET /things/:id/parts/:partId', 'POST /things', 'POST /things/:id/close']);
  });

  it('names each route whose contract misses a path parameter, a body or is missing altogether', () => {
    const problems = routesOf(ThingsModule).flatMap(contractProblems);
    expect(problems).toEqual([
      'ThingsController.undeclaredParameter (GET /things/:id/parts/:partId): path parameter partId is not declared',
      'ThingsController.undocumentedBody (POST /things): documents no body (say body: null when it takes none)',
      'ThingsController.closeWithoutContract (POST /things/:id/close): has no @ApiContract',
    ]);
  });
});
