namespace Honk.Validators.Tests.Parsers;

public sealed class NodeParsersTests
{
    [Fact]
    public void TapParse_NodeTestOutput_FailingTestsWithExpectedActualAndLocation()
    {
        var findings = new TapOutputParser().Parse(NodeOutputs.Tap);

        Assert.Equal(2, findings.Count);
        Assert.Equal("adds", findings[0].TestName);
        Assert.Equal("/tmp/nodet/test/calc.test.js", findings[0].File);
        Assert.Equal(5, findings[0].Line);
        Assert.Contains("9 !== 8", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("expected: 8\nactual: 9", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal("suite > inner fails", findings[1].TestName);
        Assert.Contains("expected: a: 2\nactual: a: 3", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecParse_NodeTestOutput_ReadsRecapOnly()
    {
        var findings = new NodeTestSpecParser().Parse(NodeOutputs.Spec);

        Assert.Equal(["adds", "inner fails"], findings.Select(f => f.TestName));
        Assert.Equal("test/calc.test.js", findings[0].File);
        Assert.Equal(5, findings[0].Line);
        Assert.Contains("9 !== 8", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("expected: 8\nactual: 9", findings[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("node:internal", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(7, findings[1].Line);
    }

    [Fact]
    public void NodeParser_TapOutput_NoDuplicatesFromOtherFormats()
    {
        Assert.Equal(2, NodeValidator.Parser.Parse(NodeOutputs.Tap).Count);
        Assert.Equal(2, NodeValidator.Parser.Parse(NodeOutputs.Spec).Count);
        Assert.Equal("1 test passed", NodeValidator.Parser.DescribeSuccess(NodeOutputs.Tap));
    }

    [Fact]
    public void TapParse_ATestFileThatThrewWhileLoading_CarriesTheErrorItsProcessPrinted()
    {
        // node:test reports a test file whose process exited before any test ran as one failure, 'test failed', and
        // passes the process's stderr on as comments before it (tree-sitter/tree-sitter-json: an optional peer
        // dependency not installed). Without the error, a missing module read as the change's failure.
        const string output = """
            TAP version 13
            # node:internal/modules/cjs/loader:1210
            #   throw err;
            #   ^
            # Error: Cannot find module 'native-parser'
            # Require stack:
            # - /w/repo/bindings/node/binding_test.js
            #     at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)
            #     at Object.<anonymous> (/w/repo/bindings/node/binding_test.js:4:16) {
            #   code: 'MODULE_NOT_FOUND',
            # }
            # Node.js v20.20.2
            # Subtest: /w/repo/bindings/node/binding_test.js
            not ok 1 - /w/repo/bindings/node/binding_test.js
              ---
              duration_ms: 1891.9
              location: '/w/repo/bindings/node/binding_test.js:1:1'
              failureType: 'testCodeFailure'
              exitCode: 1
              signal: ~
              error: 'test failed'
              code: 'ERR_TEST_FAILURE'
              ...
            1..1
            # tests 1
            # pass 0
            # fail 1
            """;

        var finding = Assert.Single(new TapOutputParser().Parse(output));

        Assert.StartsWith("Error: Cannot find module 'native-parser'\nRequire stack:\n- /w/repo/bindings/node/binding_test.js", finding.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("_resolveFilename", finding.Message, StringComparison.Ordinal);
        Assert.Equal("/w/repo/bindings/node/binding_test.js", finding.File);
    }

    [Fact]
    public void TapParse_Tape_UsesTestCommentAsName()
    {
        const string output = """
            TAP version 13
            # adds numbers
            ok 1 should be truthy
            not ok 2 should be strictly equal
              ---
                operator: equal
                expected: 8
                actual:   9
                at: Test.<anonymous> (/repo/test/calc.js:7:5)
                stack: |-
                  Error: should be strictly equal
              ...

            1..2
            # tests 2
            # pass  1
            # fail  1
            """;

        var finding = Assert.Single(new TapOutputParser().Parse(output));

        Assert.Equal("adds numbers", finding.TestName);
        Assert.Equal("should be strictly equal\nexpected: 8\nactual: 9", finding.Message);
        Assert.Equal("/repo/test/calc.js", finding.File);
        Assert.Equal(7, finding.Line);
    }

    [Fact]
    public void JestParse_FailingTest_KeepsMatcherMessageDropsCodeFrame()
    {
        const string output = """
            FAIL src/sum.test.js
              math
                ✓ subtracts (2 ms)
                ✕ adds 1 + 2 to equal 3 (4 ms)

              ● math › adds 1 + 2 to equal 3

                expect(received).toBe(expected) // Object.is equality

                Expected: 3
                Received: 4

                  2 |
                  3 | test('adds 1 + 2 to equal 3', () => {
                > 4 |   expect(sum(1, 2)).toBe(3);
                    |                     ^
                  5 | });

                  at Object.toBe (src/sum.test.js:4:21)

            Test Suites: 1 failed, 1 total
            Tests:       1 failed, 1 passed, 2 total
            """;

        var finding = Assert.Single(new JestOutputParser().Parse(output));

        Assert.Equal("math › adds 1 + 2 to equal 3", finding.TestName);
        Assert.Equal("expect(received).toBe(expected) // Object.is equality\nExpected: 3\nReceived: 4", finding.Message);
        Assert.Equal("src/sum.test.js", finding.File);
        Assert.Equal(4, finding.Line);
        Assert.Empty(new VitestOutputParser().Parse(output));
        Assert.Equal("1 test passed", new JestOutputParser().DescribeSuccess(output));
    }

    [Fact]
    public void VitestParse_FailedTestsSection_NameMessageAndLine()
    {
        const string output = """
             ❯ test/sum.test.ts (2 tests | 1 failed) 5ms
               × sum > adds 3ms
                 → expected 4 to be 3 // Object.is equality

            ⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯

             FAIL  test/sum.test.ts > sum > adds
            AssertionError: expected 4 to be 3 // Object.is equality

            - Expected
            + Received

            - 3
            + 4

             ❯ test/sum.test.ts:5:21
                  3| describe('sum', () => {
                  4|   it('adds', () => {
                  5|     expect(sum(1, 2)).toBe(3)
                   |                       ^
                  6|   })

            ⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/1]⎯

             Test Files  1 failed (1)
                  Tests  1 failed | 1 passed (2)
            """;

        var finding = Assert.Single(new VitestOutputParser().Parse(output));

        Assert.Equal("sum > adds", finding.TestName);
        Assert.Equal("test/sum.test.ts", finding.File);
        Assert.Equal(5, finding.Line);
        Assert.StartsWith("AssertionError: expected 4 to be 3", finding.Message, StringComparison.Ordinal);
        Assert.Contains("- 3\n+ 4", finding.Message, StringComparison.Ordinal);
        Assert.Empty(new JestOutputParser().Parse(output));
    }

    [Fact]
    public void MochaParse_FailingBlock_TitleMessageAndFrame()
    {
        const string output = """
              Calc
                ✔ subtracts
                1) adds


              1 passing (6ms)
              1 failing

              1) Calc
                   adds:

                  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

            9 !== 8

                  + expected - actual

                  -9
                  +8

                  at Context.<anonymous> (test/calc.test.js:6:12)
                  at process.processImmediate (node:internal/timers:476:21)
            """;

        var finding = Assert.Single(new MochaOutputParser().Parse(output));

        Assert.Equal("Calc adds", finding.TestName);
        Assert.Equal("test/calc.test.js", finding.File);
        Assert.Equal(6, finding.Line);
        Assert.Contains("9 !== 8", finding.Message, StringComparison.Ordinal);
        Assert.Equal("1 test passed", new MochaOutputParser().DescribeSuccess(output));
    }

    [Fact]
    public void AvaParse_CustomMessagesAfterTheTitles_NameEachTestByItsBlock_WithItsOwnDetails()
    {
        // t.true(elapsed <= 60, `${elapsed} ≰ 60`): ava puts the message after the title on the ✘ line, so the line alone
        // would give a name that changes with every run's timing.
        const string output = """

              ✘ [fail]: spec › waits 40 ≤ 71.3 ≰ 60
              ✘ [fail]: spec › stops on error Difference (- actual, + expected):
              ✔ spec › maps
              ✘ [fail]: spec › retries 3 attempts, wanted 2
              ─

              spec › waits

              spec.js:12

               12:   t.true(elapsed <= 60, `40 ≤ ${elapsed} ≰ 60`);

              40 ≤ 71.3 ≰ 60

              › spec.js:12:5



              spec › stops on error

              spec.js:20

               20:   t.deepEqual(seen, [1, 2, 3]);

              Difference (- actual, + expected):

                [
                  1,
                  2,
              +   3,
                ]

              › spec.js:20:5



              spec › retries

              spec.js:31

               31:   t.true(attempts === 2, `${attempts} attempts, wanted 2`);

              3 attempts, wanted 2

              › spec.js:31:5

              ─

              3 tests failed
            """;

        var findings = new AvaOutputParser().Parse(output);

        Assert.Equal(["spec › waits", "spec › stops on error", "spec › retries"], findings.Select(f => f.TestName));
        Assert.Equal([("spec.js", 12), ("spec.js", 20), ("spec.js", 31)], findings.Select(f => (f.File!, f.Line!.Value)));
        Assert.Equal("40 ≤ 71.3 ≰ 60", findings[0].Message);
        Assert.DoesNotContain("retries", findings[1].Message, StringComparison.Ordinal);
        Assert.Equal("3 attempts, wanted 2", findings[2].Message);
    }

    [Fact]
    public void AvaParse_DetailBlock_ReplacesSummaryLine()
    {
        const string output = """

              ✘ [fail]: adds Difference (- actual, + expected):
              ─

              adds

              test.js:5

               4: test('adds', t => {
               5:   t.is(add(1, 2), 4);
               6: });

              Difference (- actual, + expected):

              - 3
              + 4

              › file://test.js:5:4

              ─

              1 test failed
            """;

        var finding = Assert.Single(new AvaOutputParser().Parse(output));

        Assert.Equal("adds", finding.TestName);
        Assert.Equal("test.js", finding.File);
        Assert.Equal(5, finding.Line);
        Assert.Equal("Difference (- actual, + expected):\n- 3\n+ 4", finding.Message);
    }

    [Fact]
    public void TscParse_PlainAndPretty_FileLineColumnCode()
    {
        const string output = """
            src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.
            src/b.ts:10:1 - error TS2304: Cannot find name 'foo'.

            10 foo();
               ~~~

            Found 2 errors in 2 files.
            """;

        var findings = new TscOutputParser().Parse(output);

        Assert.Equal(2, findings.Count);
        Assert.Equal(("src/a.ts", 3, 7, "TS2322"), (findings[0].File, findings[0].Line!.Value, findings[0].Column!.Value, findings[0].Code));
        Assert.Equal(("src/b.ts", 10, 1, "TS2304"), (findings[1].File, findings[1].Line!.Value, findings[1].Column!.Value, findings[1].Code));
        Assert.Equal("Cannot find name 'foo'.", findings[1].Message);
    }

    [Fact]
    public void EslintParse_Stylish_ErrorsOnlyWithRule()
    {
        const string output = """

            /repo/src/a.js
              3:7  error    'x' is assigned a value but never used  no-unused-vars
              5:1  warning  Unexpected console statement            no-console

            ✖ 2 problems (1 error, 1 warning)
            """;

        var finding = Assert.Single(new EslintOutputParser().Parse(output));

        Assert.Equal("/repo/src/a.js", finding.File);
        Assert.Equal(3, finding.Line);
        Assert.Equal(7, finding.Column);
        Assert.Equal("no-unused-vars", finding.Code);
        Assert.Equal("'x' is assigned a value but never used", finding.Message);
    }
}
