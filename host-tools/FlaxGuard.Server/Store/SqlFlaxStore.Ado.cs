using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>ADO.NET helpers: commands, prepared commands on the writer connection, deferred writes sent as one batch.</summary>
public abstract partial class SqlFlaxStore
{
    protected static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>A prepared command reused on the writer connection, or a fresh one elsewhere (the caller disposes fresh ones only).</summary>
    private static (DbCommand Command, bool Owned) Rent(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        if (!PreparedByConnection.TryGetValue(c, out var prepared)) return (Command(c, tx, sql, parameters), true);
        if (!prepared.TryGetValue(sql, out var cmd))
        {
            cmd = Command(c, tx, sql, parameters);
            cmd.Prepare();
            prepared[sql] = cmd;
            return (cmd, false);
        }
        cmd.Transaction = tx;
        for (var i = 0; i < parameters.Length; i++) cmd.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return (cmd, false);
    }

    private static DbBatch PendingBatch(DbConnection c, DbTransaction? tx, PendingWrites pending, string? readSql, (string Name, object? Value)[] readParameters)
    {
        var batch = c.CreateBatch();
        batch.Transaction = tx;
        foreach (var (sql, parameters) in pending.Statements) batch.BatchCommands.Add(BatchCommand(batch, sql, parameters));
        if (readSql is not null) batch.BatchCommands.Add(BatchCommand(batch, readSql, readParameters));
        pending.Statements.Clear();
        return batch;
    }

    private static DbBatchCommand BatchCommand(DbBatch batch, string sql, (string Name, object? Value)[] parameters)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static async Task FlushDeferred(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        if (!DeferredByConnection.TryGetValue(c, out var pending) || pending.Statements.Count == 0) return;
        await using var batch = PendingBatch(c, tx, pending, null, []);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The pending writes followed by one read, in one round trip; null when nothing is pending.</summary>
    private static DbBatch? WithPending(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        if (!DeferredByConnection.TryGetValue(c, out var pending) || pending.Statements.Count == 0) return null;
        return PendingBatch(c, tx, pending, sql, parameters);
    }

    protected static async Task Exec(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (DeferredByConnection.TryGetValue(c, out var pending))
        {
            pending.Statements.Add((sql, parameters));
            return;
        }
        var (cmd, owned) = Rent(c, tx, sql, parameters);
        try
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (owned) await cmd.DisposeAsync();
        }
    }

    protected static async Task<object?> Scalar(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (WithPending(c, tx, sql, parameters) is { } batch)
        {
            await using (batch)
            {
                await using var reader = await batch.ExecuteReaderAsync(ct);
                // Only the last command returns rows (deferred writes return none).
                var value = await reader.ReadAsync(ct) ? reader.GetValue(0) : null;
                return value is DBNull ? null : value;
            }
        }
        var (cmd, owned) = Rent(c, tx, sql, parameters);
        try
        {
            var value = await cmd.ExecuteScalarAsync(ct);
            return value is DBNull ? null : value;
        }
        finally
        {
            if (owned) await cmd.DisposeAsync();
        }
    }

    protected static async Task<List<T>> Query<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (WithPending(c, tx, sql, parameters) is { } batch)
        {
            await using (batch)
            {
                await using var reader = await batch.ExecuteReaderAsync(ct);
                var rows = new List<T>();
                while (await reader.ReadAsync(ct)) rows.Add(read(reader));
                return rows;
            }
        }
        var (cmd, owned) = Rent(c, tx, sql, parameters);
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var list = new List<T>();
            while (await reader.ReadAsync(ct)) list.Add(read(reader));
            return list;
        }
        finally
        {
            if (owned) await cmd.DisposeAsync();
        }
    }
}
