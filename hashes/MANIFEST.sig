flaxguard-hashes-signature 1
key-id 9feb061cd721c40e
ed25519 iX0d1stxqzTvBYMV1rquR++xy/9k3zZveb9FO29mqptIvYx0e5jn4lJ/RE2y9AGxnl8nBiGLVKVj3m+2Wun4Bw==
