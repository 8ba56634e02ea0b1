using System.Collections;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// GET /ISAPI/Security/users: &lt;UserList&gt; of &lt;User&gt; with id, userName, userLevel (and, on some
    /// firmware, an empty password element, which is ignored). Users are kept by name, the identity an owner
    /// recognises; the numeric id is the slot the device stored the account in.
    /// </summary>
    public sealed class UserListDocument : IIsapiDocument
    {
        private static readonly string[] Leaves = new string[] { "id", "userName", "userLevel", "password", "loginPassword", "priority", "userType" };

        private readonly int _maxUsers;
        private readonly ArrayList _users = new ArrayList();
        private string _name;
        private string _level;

        public UserListDocument(int maxUsers)
        {
            _maxUsers = maxUsers;
        }

        public string RootName { get { return "UserList"; } }

        public int Count { get { return _users.Count; } }

        public IsapiUser this[int index] { get { return (IsapiUser)_users[index]; } }

        public void Reset()
        {
            _users.Clear();
            _name = null;
            _level = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
            if (scanner.Depth == 2 && scanner.LocalNameIs("User"))
            {
                _name = null;
                _level = null;
            }
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 3 && scanner.LocalNameAtIs(2, "User"))
            {
                if (scanner.LocalNameIs("userName")) _name = IsapiField.Take(scanner, _name, "userName");
                else if (scanner.LocalNameIs("userLevel")) _level = IsapiField.Take(scanner, _level, "userLevel");
                return;
            }
            if (depth == 2 && scanner.LocalNameIs("User")) AddUser(scanner);
        }

        private void AddUser(XmlScanner scanner)
        {
            if (_name == null || _name.Length == 0)
            {
                scanner.Reject("lists a <User> without a <userName>");
                return;
            }
            if (_level == null || _level.Length == 0)
            {
                scanner.Reject("lists the user \"" + Text.FactText.Clean(_name, 32) + "\" without a <userLevel>");
                return;
            }
            for (int i = 0; i < _users.Count; i++)
            {
                if (((IsapiUser)_users[i]).Name == _name)
                {
                    scanner.Reject("lists the same user twice");
                    return;
                }
            }
            if (_users.Count == _maxUsers)
            {
                scanner.Reject("lists more than " + _maxUsers.ToString() + " users");
                return;
            }
            _users.Add(new IsapiUser(_name, _level));
        }

        public string Validate()
        {
            // Every Hikvision device has at least its admin account; an empty list is not an honest answer.
            return _users.Count == 0 ? "lists no users at all" : null;
        }
    }
}
