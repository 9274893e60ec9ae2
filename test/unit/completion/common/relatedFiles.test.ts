import * as assert from 'node:assert/strict';
import { extractImports, rankSnippets } from '../../../../src/completion/common/relatedFiles';

describe('context from other files', () => {
  it('finds local imports per language and leaves packages out', () => {
    assert.deepEqual(
      extractImports(
        "import { a } from './util';\nimport React from 'react';\nconst b = require('../lib/b');\nexport * from './types';",
        'typescript',
      ).map((r) => r.specifier),
      ['./util', './types', '../lib/b'],
    );
    assert.deepEqual(
      extractImports('from .models import User\nimport os\nfrom app.db import session', 'python').map((r) => r.specifier),
      ['.models', 'app.db', 'os'],
    );
    assert.deepEqual(
      extractImports('use crate::net::client;\nmod parser;\nuse std::io;', 'rust').map((r) => r.specifier),
      ['crate::net::client', 'parser'],
    );
    assert.deepEqual(
      extractImports('import (\n\t"fmt"\n\t"example.com/app/store"\n)', 'go').map((r) => r.specifier),
      ['example.com/app/store'],
    );
    assert.deepEqual(
      extractImports('import java.util.List;\nimport com.acme.Order;', 'java').map((r) => r.specifier),
      ['com.acme.Order'],
    );
    assert.deepEqual(
      extractImports('using System;\nusing Acme.Billing;', 'csharp').map((r) => r.specifier),
      ['Acme.Billing'],
    );
  });

  it('ranks the window most like the code at the cursor, within the budget, in a stable order', () => {
    const orders = `${'// filler line\n'.repeat(30)}export function orderTotal(order: Order) {\n  return order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);\n}\n`;
    const users = 'export function userName(user: User) {\n  return user.first + user.last;\n}\n';
    const snippets = rankSnippets(
      [
        { path: 'src/users.ts', text: users, imported: false },
        { path: 'src/orders.ts', text: orders, imported: true },
      ],
      'const total = orderTotal(order) + order.lines.length * line.price',
      400,
    );
    assert.equal(snippets[0].path, 'src/orders.ts');
    assert.match(snippets[0].text, /orderTotal/);
    assert.ok(snippets[0].text.split('\n').length <= 24, 'a window, not the whole file');
    assert.ok(
      rankSnippets([{ path: 'a.ts', text: orders, imported: true }], 'orderTotal order lines price', 5).length === 0,
      'nothing over budget',
    );
  });
});
