// Each test class starts its own receivers on their own ports, so classes may run side by side.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
