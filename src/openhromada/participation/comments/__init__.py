"""Comment threads on proposals and on consultations' sections: posting, replying, reading."""
