# Exercises the Pester 4 behaviour PowerShell's own test files rely on: 8 passing, 2 failing, 3 skipped cases.
Describe 'Pester 4 model' {
    BeforeAll {
        $cases = @(@{ n = 1 }, @{ n = 2 })
        function Get-Double([int]$x) { 2 * $x }
    }

    It 'runs test cases built in BeforeAll (<n>)' -TestCases $cases {
        param($n)
        Get-Double $n | Should Be (2 * $n)
    }

    It 'takes the legacy Should syntax' {
        'abc' | Should Not BeNullOrEmpty
        'abc' | Should BeExactly 'abc'
        { throw 'Value was too large.' } | Should Throw 'too large'
    }

    It 'fails a legacy assertion' { 1 | Should Be 2 }
}

Describe 'Describe -ForEach <name>' -ForEach @(@{ name = 'a' }, @{ name = 'b' }) {
    It 'sees the data of its block' { $name | Should -BeIn 'a', 'b' }
}

Describe 'skips through PSDefaultParameterValues' {
    BeforeAll {
        $saved = $PSDefaultParameterValues.Clone()
        $PSDefaultParameterValues['It:Skip'] = $true
    }
    AfterAll { $global:PSDefaultParameterValues = $saved }
    It 'is skipped by the default' { throw 'not run' }
    It 'is skipped too' { throw 'not run' }
}

Describe 'after the skip block' {
    It 'runs again' { $true | Should -BeTrue }
    It 'is pending' -Pending { throw 'not run' }
    It 'reports a helper error id' { { Get-Item -LiteralPath '/no/such' -ErrorAction Stop } | ShouldBeErrorId 'Other' }
}

Describe 'the test file has its own script scope' {
    It 'keeps -Scope script variables out of the global scope' {
        New-Variable -Name pester4ScriptVar -Value 1 -Scope script
        { Remove-Variable -Name pester4ScriptVar -Scope global -ErrorAction Stop } | Should -Throw
        $pester4ScriptVar | Should -Be 1
    }
}
