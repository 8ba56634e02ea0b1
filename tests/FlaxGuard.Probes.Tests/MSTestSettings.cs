// Real daemons and network namespaces: run test classes in parallel, methods of one class in order.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
