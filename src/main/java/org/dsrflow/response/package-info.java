/** The answer to a request: access report (Art. 15), erasure account (Art. 17, 19), marketing stop (Art. 21), documents and downloads. */
package org.dsrflow.response;
