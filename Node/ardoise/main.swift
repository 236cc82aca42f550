// ardoise: the node's command line, thin over ArdoiseNode through the shared runner (ArdoiseCLI).
import Glibc

// Everything the node creates (database with its token, lock) is its owner's alone.
umask(0o077)
NodeTool.tool.main()
