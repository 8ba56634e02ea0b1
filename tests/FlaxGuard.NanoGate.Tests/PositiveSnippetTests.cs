using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>Plain non-generic nanoFramework code passes: the gate must not cry wolf.</summary>
[TestClass]
public sealed class PositiveSnippetTests
{
    [TestMethod]
    public void PlainCodeUsingStringBuilderHashtableArrayList_Passes()
    {
        var result = Gate.RunSnippet("""
            using System;
            using System.Collections;
            using System.Text;

            namespace Plain
            {
                public sealed class Inventory
                {
                    private readonly Hashtable _byKey = new Hashtable();
                    private readonly ArrayList _keys = new ArrayList();
                    private readonly Queue _pending = new Queue();
                    private readonly Stack _undo = new Stack();

                    public void Put(string key, string value)
                    {
                        if (key == null) throw new ArgumentNullException("key");
                        if (!_byKey.Contains(key)) _keys.Add(key);
                        _byKey[key] = value;
                        _pending.Enqueue(key);
                        _undo.Push(key);
                    }

                    public string Render()
                    {
                        var sb = new StringBuilder(64);
                        for (int i = 0; i < _keys.Count; i++)
                        {
                            string key = (string)_keys[i];
                            sb.Append(key).Append('=').Append((string)_byKey[key]).AppendLine();
                        }
                        foreach (DictionaryEntry entry in _byKey)
                        {
                            sb.Append(entry.Key.ToString().Length);
                        }
                        sb.Replace("\r\n", "\n").Insert(0, "# inventory\n", 1);
                        lock (_keys) { sb.Append(_pending.Count + _undo.Count); }
                        string text = sb.ToString();
                        byte[] utf8 = Encoding.UTF8.GetBytes(text);
                        return Encoding.UTF8.GetString(utf8, 0, utf8.Length) + $" ({utf8.Length} bytes)";
                    }
                }
            }
            """);

        Assert.IsTrue(result.Passed, result.Report);
        Assert.AreEqual(1, result.SourceFileCount);
    }
}
