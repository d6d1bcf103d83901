/**
 * WeChat's own published test vectors, from the message-encryption sample code it distributes
 * (WXBizMsgCrypt in Java, Python and C++) with the technical plan for safe mode.
 */

/** The sample EncodingAESKey shared by the Official Account samples. */
export const sampleAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

/** Java sample test: encryption with a fixed 16-byte random prefix. */
export const javaEncrypt = {
  token: 'pamtest',
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypted:
    'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

/** Python sample: a compatible-mode text message (plain fields and Encrypt side by side). */
export const pythonCompatible = {
  token: 'spamtest',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypted:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PG' +
    'HQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6t' +
    'EDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3y' +
    'ZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+' +
    'q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
  decrypted:
    '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n' +
    '<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n' +
    '<CreateTime>1409735668</CreateTime>\n' +
    '<MsgType><![CDATA[text]]></MsgType>\n' +
    '<Content><![CDATA[abcdteT]]></Content>\n' +
    '<MsgId>6054768590064713728</MsgId>\n' +
    '</xml>',
};

/** The compatible-mode body as the Python sample posts it. */
export const pythonCompatibleBody =
  '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>' +
  '<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>' +
  '<CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
  '<Content><![CDATA[abcdteT]]></Content><MsgId>6054768590064713728</MsgId>' +
  `<Encrypt><![CDATA[${pythonCompatible.encrypted}]]></Encrypt></xml>`;

/** C++ sample: a safe-mode text message. */
export const cppSafe = {
  token: 'spamtest',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1410349438',
  nonce: '298025754',
  msgSignature: '003fee52ecc56afb46c00b5c7721be87860ce785',
  encrypted:
    'mfBCs65c67CeJw22u4VT2TD73q5H06+ocrAIxswCaeZ/d/Lw0msSZFHY0teqgSYiI1zR2gD2DKrB3TIrmX/liNSDrGqS' +
    '8jSI/WPeKB5VPr7Ezr7gomZAyGCwJSgT1TRFWPfONGJMxuj2nk4faTuspAuVIFQ6SHwZuJBZC7mcJp7Cgr9cUhATQWDbOP' +
    'aE7ukZBTV2YqyzH+UI2AK+J1S47cE79k1RX8t0hcTz/O0hlK8DGXKnvYv88qKQcI7z4iaajqHfRVZKBNyOODabs+It+ZfM' +
    '3dWTeFcPgDbGtIEnpt/EDtuuA/zMvtkaKdHdswPnVZQ+xdwbYr3ldGvfT8HlEYEgkgKaThxTFobVlwzu2ZkXCjicbP3xd' +
    'r15Iq48ObgzPpqYuZ3IEoyggZDKClquk0u0orMck4GTF/XyE8yGzc4=',
  msgId: '6057404712141979648',
};

export const cppSafeBody =
  '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>' +
  `<Encrypt><![CDATA[${cppSafe.encrypted}]]></Encrypt></xml>`;

/**
 * The URL-verification sample (WeCom's WXBizMsgCrypt, the same scheme): the handshake in safe
 * mode signs and encrypts echostr.
 */
export const verifyUrl = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659589',
  nonce: '263014780',
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  echostr:
    'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  answer: '1616140317555161061',
};
