// ardoise-server: the central server's command line. The commands are in ServerTool; the runner
// (ArdoiseCLI) parses, prints help, and turns every failure into `error:`/`hint:` and exit 0/1/64/75.
import Glibc

// Everything the server creates (database, admin token, lock) is its owner's alone.
umask(0o077)
ServerTool.tool.main()
