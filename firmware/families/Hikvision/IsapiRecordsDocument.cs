using System.Collections;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// A document of plain settings records, read by a fixed vocabulary: either the root is one record
    /// (&lt;Ehome&gt;, &lt;UPnP&gt;, &lt;RTSPCertificate&gt;) or the root lists records (&lt;HttpHostNotificationList&gt; of
    /// &lt;HttpHostNotification&gt;, &lt;DDNSList&gt; of &lt;DDNS&gt;). Each record keeps the text of the named leaves, and of
    /// the named leaves one level down inside each of <c>nestedParents</c> (DDNS's &lt;serverAddress&gt;&lt;hostName&gt;, SNMP's
    /// &lt;SNMPv2c&gt;&lt;enabled&gt;). Other
    /// elements are skipped; a leaf given twice, a value with elements inside, or more than <c>maxRecords</c>
    /// records refuses the document.
    /// </summary>
    public sealed class IsapiRecordsDocument : IIsapiDocument
    {
        private readonly string _rootName;
        private readonly string _itemName;
        private readonly string[] _fields;
        private readonly string[] _nestedParents;
        private readonly string[] _nestedFields;
        private readonly int _maxRecords;
        private readonly int _recordDepth;
        private readonly ArrayList _records = new ArrayList();
        private string[] _current;

        /// <param name="itemName">The element of each record, or null when the root is the one record.</param>
        /// <param name="nestedParents">Elements of a record whose leaves <paramref name="nestedFields"/> are read too, or null.</param>
        public IsapiRecordsDocument(string rootName, string itemName, string[] fields, string[] nestedParents, string[] nestedFields, int maxRecords)
        {
            _rootName = rootName;
            _itemName = itemName;
            _fields = fields;
            _nestedParents = nestedParents == null ? new string[0] : nestedParents;
            _nestedFields = nestedFields == null ? new string[0] : nestedFields;
            _maxRecords = maxRecords;
            _recordDepth = itemName == null ? 1 : 2;
        }

        public string RootName { get { return _rootName; } }

        public int Count { get { return _records.Count; } }

        /// <summary>
        /// The value of field <paramref name="field"/> of record <paramref name="record"/>, or null: its index in fields, then
        /// for nested parent p and nested field i, fields.Length + p * nestedFields.Length + i.
        /// </summary>
        public string Value(int record, int field)
        {
            return ((string[])_records[record])[field];
        }

        public void Reset()
        {
            _records.Clear();
            _current = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, _fields);
            IsapiField.RefuseChildOfLeaf(scanner, _nestedFields);
            int depth = scanner.Depth;
            if (depth == _recordDepth && (_itemName == null || scanner.LocalNameIs(_itemName)))
            {
                if (_records.Count == _maxRecords)
                {
                    scanner.Reject("lists more than " + _maxRecords.ToString() + " entries");
                    return;
                }
                _current = new string[_fields.Length + _nestedParents.Length * _nestedFields.Length];
            }
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (_current == null) return;
            if (depth == _recordDepth)
            {
                if (_itemName == null || scanner.LocalNameIs(_itemName)) _records.Add(_current);
                _current = null;
                return;
            }
            if (depth == _recordDepth + 1 && (_itemName == null || scanner.LocalNameAtIs(_recordDepth, _itemName)))
            {
                for (int i = 0; i < _fields.Length; i++)
                {
                    if (scanner.LocalNameIs(_fields[i])) _current[i] = Take(scanner, _current[i], _fields[i]);
                }
                return;
            }
            if (depth != _recordDepth + 2) return;
            for (int p = 0; p < _nestedParents.Length; p++)
            {
                if (!scanner.LocalNameAtIs(_recordDepth + 1, _nestedParents[p])) continue;
                for (int i = 0; i < _nestedFields.Length; i++)
                {
                    int at = _fields.Length + p * _nestedFields.Length + i;
                    if (scanner.LocalNameIs(_nestedFields[i])) _current[at] = Take(scanner, _current[at], _nestedFields[i]);
                }
                return;
            }
        }

        // A switch must say true or false: "maybe" is a wrongly typed answer, not "off".
        private static string Take(XmlScanner scanner, string previous, string name)
        {
            if (name != "enabled") return IsapiField.Take(scanner, previous, name);
            int flag = IsapiField.TakeBoolean(scanner, previous == null ? -1 : 1, name);
            if (flag < 0) return previous;
            return flag == 1 ? "true" : "false";
        }

        public string Validate()
        {
            // A single-record document must be that record.
            return _itemName == null && _records.Count != 1 ? "is empty" : null;
        }
    }
}
