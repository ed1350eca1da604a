# Exercises the Pester shim itself: 7 passing, 3 failing and 2 skipped cases.
BeforeAll { $top = 'top' }

Describe 'Shim' -Tags 'CI' {
    BeforeAll { $outer = 10 }
    BeforeEach { $each = $outer + 1 }

    It 'sees BeforeAll and BeforeEach variables' {
        $top | Should -Be 'top'
        $each | Should -Be 11
    }

    It 'compares <a> + <b> to <sum>' -TestCases @(
        @{ a = 1; b = 2; sum = 3 }
        @{ a = 2; b = 2; sum = 4 }
    ) {
        param($a, $b, $sum)
        $a + $b | Should -Be $sum
    }

    It 'catches a thrown error id' {
        { Get-Item -LiteralPath '/no/such/path' -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound'
    }

    It 'checks types and counts' {
        1 | Should -BeOfType [int]
        1, 2 | Should -BeOfType [int]
        @(1, 2, 3) | Should -HaveCount 3
        $null | Should -BeNullOrEmpty
        'abc' | Should -Not -BeNullOrEmpty
    }

    It 'writes into TestDrive' {
        Set-Content -Path "$TestDrive/f.txt" -Value 'hello'
        "$TestDrive/f.txt" | Should -Exist
        "$TestDrive/f.txt" | Should -FileContentMatch 'hel'
    }

    Context 'failures' {
        It 'fails on a wrong value' { 1 | Should -Be 2 }
        It 'fails when nothing is thrown' { { 1 } | Should -Throw }
        It 'fails on a thrown error' { throw 'boom' }
    }

    Context 'skips' {
        It 'is skipped' -Skip { throw 'not run' }
        It 'skips itself' { Set-ItResult -Skipped -Because 'no reason'; throw 'not reached' }
    }

    It 'exactly matches case' { 'ABC' | Should -BeExactly 'ABC'; 'ABC' | Should -Not -BeExactly 'abc' }

    AfterAll { Remove-Variable outer }
}
