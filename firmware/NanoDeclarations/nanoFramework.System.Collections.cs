// nanogate-assembly: nanoFramework.System.Collections
//
// Package:  nanoFramework.System.Collections 1.5.75 (NuGet), assembly nanoFramework.System.Collections
// Upstream: https://github.com/nanoframework/System.Collections  (nanoFramework.System.Collections/Collections/*.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate (firmware/FlaxGuard.NanoGate). Never deployed: the real
// firmware build references the real package. Declares only the members FlaxGuard may use, with the upstream
// signatures copied exactly (no upstream bodies: every body throws). Keep nanoFramework's odd shapes: Hashtable has
// Contains(object) and NO ContainsKey/ContainsValue; DictionaryEntry is a CLASS with public fields.
// ICollection, IEnumerable, IEnumerator, IList, ICloneable and ArrayList come from mscorlib (nanoFramework.CoreLibrary
// 1.17.11) and are not declared here.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.5.75.0")]

namespace System.Collections
{
    // mirrors nanoFramework.System.Collections 1.5.75: System.Collections/nanoFramework.System.Collections/Collections/IDictionary.cs
    public interface IDictionary : ICollection
    {
        bool IsReadOnly { get; }

        bool IsFixedSize { get; }

        ICollection Keys { get; }

        ICollection Values { get; }

        object this[object key] { get; set; }

        void Add(object key, object value);

        void Clear();

        bool Contains(object key);

        void Remove(object key);
    }

    // mirrors nanoFramework.System.Collections 1.5.75: System.Collections/nanoFramework.System.Collections/Collections/DictionaryEntry.cs
    [Serializable]
    public class DictionaryEntry
    {
        public object Key;

        public object Value;

        public DictionaryEntry(object key, object value) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Collections 1.5.75: System.Collections/nanoFramework.System.Collections/Collections/Hashtable.cs
    // (the native-backed Hashtable: ctor (int capacity, float loadFactor); GetEnumerator yields DictionaryEntry objects)
    [Serializable]
    public class Hashtable : ICloneable, IDictionary
    {
        public Hashtable() { throw new NotImplementedException(); }

        public Hashtable(int capacity) { throw new NotImplementedException(); }

        public Hashtable(int capacity, float loadFactor) { throw new NotImplementedException(); }

        public object Clone() { throw new NotImplementedException(); }

        public IEnumerator GetEnumerator() { throw new NotImplementedException(); }

        public int Count { get { throw new NotImplementedException(); } }

        public bool IsSynchronized { get { throw new NotImplementedException(); } }

        public object SyncRoot { get { throw new NotImplementedException(); } }

        public void CopyTo(Array array, int arrayIndex) { throw new NotImplementedException(); }

        public bool IsReadOnly { get { throw new NotImplementedException(); } }

        public bool IsFixedSize { get { throw new NotImplementedException(); } }

        public ICollection Keys { get { throw new NotImplementedException(); } }

        public ICollection Values { get { throw new NotImplementedException(); } }

        public object this[object key]
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public void Add(object key, object value) { throw new NotImplementedException(); }

        public void Clear() { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public bool Contains(object key) { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public void Remove(object key) { throw new NotImplementedException(); } // upstream: extern (InternalCall)
    }

    // mirrors nanoFramework.System.Collections 1.5.75: System.Collections/nanoFramework.System.Collections/Collections/Queue.cs
    [Serializable]
    public class Queue : ICollection, ICloneable
    {
        public Queue() { throw new NotImplementedException(); }

        public virtual int Count { get { throw new NotImplementedException(); } }

        public virtual object Clone() { throw new NotImplementedException(); }

        public virtual bool IsSynchronized { get { throw new NotImplementedException(); } }

        public virtual object SyncRoot { get { throw new NotImplementedException(); } }

        public virtual void Clear() { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual void CopyTo(Array array, int index) { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual void Enqueue(object obj) { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual IEnumerator GetEnumerator() { throw new NotImplementedException(); }

        public virtual object Dequeue() { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual object Peek() { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual bool Contains(object obj) { throw new NotImplementedException(); }

        public virtual object[] ToArray() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Collections 1.5.75: System.Collections/nanoFramework.System.Collections/Collections/Stack.cs
    [Serializable]
    public class Stack : ICollection, ICloneable
    {
        public Stack() { throw new NotImplementedException(); }

        public virtual int Count { get { throw new NotImplementedException(); } }

        public virtual bool IsSynchronized { get { throw new NotImplementedException(); } }

        public virtual object SyncRoot { get { throw new NotImplementedException(); } }

        public virtual void Clear() { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual object Clone() { throw new NotImplementedException(); }

        public virtual bool Contains(object obj) { throw new NotImplementedException(); }

        public virtual void CopyTo(Array array, int index) { throw new NotImplementedException(); }

        public virtual IEnumerator GetEnumerator() { throw new NotImplementedException(); }

        public virtual object Peek() { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual object Pop() { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual void Push(object obj) { throw new NotImplementedException(); } // upstream: extern (InternalCall)

        public virtual object[] ToArray() { throw new NotImplementedException(); }
    }
}
