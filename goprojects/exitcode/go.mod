module example.com/exitcode

go 1.21
