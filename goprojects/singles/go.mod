module example.com/singles

go 1.19
