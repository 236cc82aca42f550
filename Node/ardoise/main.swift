// ardoise: the node's command line, thin over ArdoiseNode through the shared runner (ArdoiseCLI).
NodeTool.tool.main()
