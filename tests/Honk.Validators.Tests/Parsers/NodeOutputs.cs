namespace Honk.Validators.Tests.Parsers;

/// <summary>Real output of node 20's test runner (a failing test, a passing one, a failing test inside a suite).</summary>
internal static class NodeOutputs
{
    public const string Tap = """
        TAP version 13
        # Subtest: adds
        not ok 1 - adds
          ---
          duration_ms: 2.131928
          location: '/tmp/nodet/test/calc.test.js:5:1'
          failureType: 'testCodeFailure'
          error: |-
            Expected values to be strictly equal:
            
            9 !== 8
            
          code: 'ERR_ASSERTION'
          name: 'AssertionError'
          expected: 8
          actual: 9
          operator: 'strictEqual'
          stack: |-
            TestContext.<anonymous> (/tmp/nodet/test/calc.test.js:5:29)
            Test.runInAsyncScope (node:async_hooks:206:9)
            Test.run (node:internal/test_runner/test:796:25)
            Test.processPendingSubtests (node:internal/test_runner/test:526:18)
            node:internal/test_runner/harness:255:12
            node:internal/process/task_queues:140:7
            AsyncResource.runInAsyncScope (node:async_hooks:206:9)
            AsyncResource.runMicrotask (node:internal/process/task_queues:137:8)
          ...
        # Subtest: passes
        ok 2 - passes
          ---
          duration_ms: 0.224724
          ...
        # Subtest: suite
            # Subtest: inner fails
            not ok 1 - inner fails
              ---
              duration_ms: 1.349766
              location: '/tmp/nodet/test/calc.test.js:7:27'
              failureType: 'testCodeFailure'
              error: |-
                Expected values to be strictly deep-equal:
                + actual - expected
                
                  {
                +   a: 3
                -   a: 2
                  }
              code: 'ERR_ASSERTION'
              name: 'AssertionError'
              expected:
                a: 2
              actual:
                a: 3
              operator: 'deepStrictEqual'
              stack: |-
                TestContext.<anonymous> (/tmp/nodet/test/calc.test.js:7:60)
                Test.runInAsyncScope (node:async_hooks:206:9)
                Test.run (node:internal/test_runner/test:796:25)
                Test.start (node:internal/test_runner/test:702:17)
                node:internal/test_runner/test:1133:71
                node:internal/per_context/primordials:482:82
                new Promise (<anonymous>)
                new SafePromise (node:internal/per_context/primordials:450:29)
                node:internal/per_context/primordials:482:9
                Array.map (<anonymous>)
              ...
            1..1
        not ok 3 - suite
          ---
          duration_ms: 1.646096
          type: 'suite'
          location: '/tmp/nodet/test/calc.test.js:7:1'
          failureType: 'subtestsFailed'
          error: '1 subtest failed'
          code: 'ERR_TEST_FAILURE'
          ...
        1..3
        # tests 3
        # suites 1
        # pass 1
        # fail 2
        # cancelled 0
        # skipped 0
        # todo 0
        # duration_ms 131.346722
        """;

    public const string Spec = """
        ✖ adds (1.995706ms)
          AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:
          
          9 !== 8
          
              at TestContext.<anonymous> (/tmp/nodet/test/calc.test.js:5:29)
              at Test.runInAsyncScope (node:async_hooks:206:9)
              at Test.run (node:internal/test_runner/test:796:25)
              at Test.processPendingSubtests (node:internal/test_runner/test:526:18)
              at node:internal/test_runner/harness:255:12
              at node:internal/process/task_queues:140:7
              at AsyncResource.runInAsyncScope (node:async_hooks:206:9)
              at AsyncResource.runMicrotask (node:internal/process/task_queues:137:8) {
            generatedMessage: true,
            code: 'ERR_ASSERTION',
            actual: 9,
            expected: 8,
            operator: 'strictEqual'
          }

        ✔ passes (0.165827ms)
        ▶ suite
          ✖ inner fails (1.306301ms)
            AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:
            + actual - expected
            
              {
            +   a: 3
            -   a: 2
              }
                at TestContext.<anonymous> (/tmp/nodet/test/calc.test.js:7:60)
                at Test.runInAsyncScope (node:async_hooks:206:9)
                at Test.run (node:internal/test_runner/test:796:25)
                at Test.start (node:internal/test_runner/test:702:17)
                at node:internal/test_runner/test:1133:71
                at node:internal/per_context/primordials:482:82
                at new Promise (<anonymous>)
                at new SafePromise (node:internal/per_context/primordials:450:29)
                at node:internal/per_context/primordials:482:9
                at Array.map (<anonymous>) {
              generatedMessage: true,
              code: 'ERR_ASSERTION',
              actual: { a: 3 },
              expected: { a: 2 },
              operator: 'deepStrictEqual'
            }

        ✖ suite (1.618225ms)
        ℹ tests 3
        ℹ suites 1
        ℹ pass 1
        ℹ fail 2
        ℹ cancelled 0
        ℹ skipped 0
        ℹ todo 0
        ℹ duration_ms 126.543293

        ✖ failing tests:

        test at test/calc.test.js:5:1
        ✖ adds (1.995706ms)
          AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:
          
          9 !== 8
          
              at TestContext.<anonymous> (/tmp/nodet/test/calc.test.js:5:29)
              at Test.runInAsyncScope (node:async_hooks:206:9)
              at Test.run (node:internal/test_runner/test:796:25)
              at Test.processPendingSubtests (node:internal/test_runner/test:526:18)
              at node:internal/test_runner/harness:255:12
              at node:internal/process/task_queues:140:7
              at AsyncResource.runInAsyncScope (node:async_hooks:206:9)
              at AsyncResource.runMicrotask (node:internal/process/task_queues:137:8) {
            generatedMessage: true,
            code: 'ERR_ASSERTION',
            actual: 9,
            expected: 8,
            operator: 'strictEqual'
          }

        test at test/calc.test.js:7:27
        ✖ inner fails (1.306301ms)
          AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:
          + actual - expected
          
            {
          +   a: 3
          -   a: 2
            }
              at TestContext.<anonymous> (/tmp/nodet/test/calc.test.js:7:60)
              at Test.runInAsyncScope (node:async_hooks:206:9)
              at Test.run (node:internal/test_runner/test:796:25)
              at Test.start (node:internal/test_runner/test:702:17)
              at node:internal/test_runner/test:1133:71
              at node:internal/per_context/primordials:482:82
              at new Promise (<anonymous>)
              at new SafePromise (node:internal/per_context/primordials:450:29)
              at node:internal/per_context/primordials:482:9
              at Array.map (<anonymous>) {
            generatedMessage: true,
            code: 'ERR_ASSERTION',
            actual: { a: 3 },
            expected: { a: 2 },
            operator: 'deepStrictEqual'
          }
        """;
}
