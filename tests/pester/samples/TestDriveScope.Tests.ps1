# The shim's TestDrive: what a Describe block adds goes when it ends; Resolve-FilePath gives full paths.
Describe "first" {
    BeforeAll { New-Item -ItemType Directory "$TestDrive\Modules\TestModule" -Force > $null }
    It "sees its own folder" { Test-Path "$TestDrive/Modules/TestModule" | Should -BeTrue }
}
Describe "second" {
    It "starts with an empty TestDrive" { @(Get-ChildItem $TestDrive).Count | Should -Be 0 }
    It "resolves a path to its full form" { Resolve-FilePath 'x/../y' | Should -Be (Join-Path $PWD 'y') }
}
