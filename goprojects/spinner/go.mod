module example.com/spinner

go 1.21
