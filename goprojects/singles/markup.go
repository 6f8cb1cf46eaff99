// Command markup prints text that would be markup if a report did not escape it: the HTML report
// tests check that it shows as text and runs nothing.
package main

import "fmt"

func main() {
	fmt.Println("<script>document.title='owned'</script></pre><b>bold</b>")
}
