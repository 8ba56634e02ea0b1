[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.MethodLevel)]
